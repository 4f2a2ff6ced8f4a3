using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCertificatesAndAssignments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assignment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Mandatory = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assignment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assignment_unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificate",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    LearnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    LearnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CourseTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificate", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificate_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminderSent",
                columns: table => new
                {
                    AssignmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    LearnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminderSent", x => new { x.AssignmentId, x.LearnerId, x.Kind });
                    table.ForeignKey(
                        name: "FK_reminderSent_assignment_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "assignment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_reminderSent_learner_LearnerId",
                        column: x => x.LearnerId,
                        principalTable: "learner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assignment_DueUtc",
                table: "assignment",
                column: "DueUtc");

            migrationBuilder.CreateIndex(
                name: "IX_assignment_UnitId",
                table: "assignment",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_certificate_Code",
                table: "certificate",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificate_LearnerId_CourseKey",
                table: "certificate",
                columns: new[] { "LearnerId", "CourseKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reminderSent_LearnerId",
                table: "reminderSent",
                column: "LearnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificate");

            migrationBuilder.DropTable(
                name: "reminderSent");

            migrationBuilder.DropTable(
                name: "assignment");
        }
    }
}
